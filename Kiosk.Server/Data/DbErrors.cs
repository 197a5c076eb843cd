using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Data;

public static class DbErrors
{
    /// <summary>
    /// True when the save failed on a unique index: the database's way of saying "someone else got there
    /// first", which callers turn into the normal "already" answer instead of a 500.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is { } inner && DatabaseEngine.All.Any(engine => engine.IsUniqueViolation(inner));
}
