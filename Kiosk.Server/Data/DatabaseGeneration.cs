using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kiosk.Server.Data;

/// <summary>
/// The identity of this database: a random id made the first time it is asked for, in the one row of its table. A
/// restored backup brings its generation back with its data (so the generation does not reveal a restore: the
/// terminals' outbox marks do); a database started afresh has another one, and the terminals then know that none
/// of what they were answered before is in it.
/// </summary>
public sealed class DatabaseGeneration
{
    public int Id { get; set; }
    public Guid Generation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static async Task<Guid> ReadAsync(KioskDb db, DateTimeOffset now, CancellationToken ct)
    {
        var known = await db.DatabaseGenerations.AsNoTracking().Where(g => g.Id == 1).Select(g => (Guid?)g.Generation).FirstOrDefaultAsync(ct);
        if (known is { } generation) return generation;
        db.DatabaseGenerations.Add(new DatabaseGeneration { Id = 1, Generation = Guid.NewGuid(), CreatedAt = now });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { } // another request made it first
        finally { db.ChangeTracker.Clear(); }
        return await db.DatabaseGenerations.AsNoTracking().Where(g => g.Id == 1).Select(g => g.Generation).FirstAsync(ct);
    }
}

internal sealed class DatabaseGenerationConfiguration : IEntityTypeConfiguration<DatabaseGeneration>
{
    public void Configure(EntityTypeBuilder<DatabaseGeneration> e)
    {
        e.ToTable("DatabaseGeneration");
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}
