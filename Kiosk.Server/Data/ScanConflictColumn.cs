using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kiosk.Server.Data;

/// <summary>
/// Check-ins and the presence log keep their conflict as the words the pages show ("over capacity"), as they
/// always have: the column stays text, and only values of the closed set are written or read.
/// </summary>
internal static class ScanConflictColumn
{
    // EF Core hands nulls past a converter, so both sides are never null here; the column itself is nullable.
    public static readonly ValueConverter<ScanConflict?, string?> Converter = new(c => c!.ToString(), text => ScanConflict.Parse(text!));
}
