using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Kiosk.Server.Tests;

/// <summary>
/// Writes rows made with today's entity classes into a database that stands at an older migration: only the columns
/// that migration's model has, in the SQL EF generates from that model. Today's model may have more columns than the
/// old schema, so a plain SaveChanges would not fit once a migration adds one.
/// </summary>
internal static class BaselineRows
{
    public static async Task InsertAsync(KioskDb db, string migrationId, params object[] rows)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var migration = migrations.CreateMigration(migrations.Migrations[migrationId], db.Database.ProviderName!);
        var model = db.GetService<IModelRuntimeInitializer>().Initialize(((IMutableModel)migration.TargetModel!).FinalizeModel());
        var operations = rows.Select(row => Insert(db.Model, model.GetRelationalModel(), row)).ToList();
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, model))
            await db.Database.ExecuteSqlRawAsync(command.CommandText);
    }

    private static InsertDataOperation Insert(IModel today, IRelationalModel then, object row)
    {
        var entity = today.FindEntityType(row.GetType()) ?? throw new ArgumentException($"{row.GetType()} is not an entity.");
        var table = then.FindTable(entity.GetTableName()!, entity.GetSchema())
            ?? throw new InvalidOperationException($"The table {entity.GetTableName()} is not in the older schema.");
        var columns = table.Columns.Select(c => c.Name).ToArray();
        var values = new object?[1, columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var property = entity.GetProperties().Single(p => p.GetColumnName() == columns[i]);
            var value = property.GetGetter().GetClrValue(row);
            // The old model holds what the engine stores (e.g. UTC ticks for a time on SQLite): today's converter makes it.
            values[0, i] = property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
        return new InsertDataOperation { Table = table.Name, Schema = table.Schema, Columns = columns, Values = values };
    }
}
