using System.Data.Common;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Privacy;

/// <summary>On a server engine: which markers occur in any text column of any table of the application's schema.</summary>
public static class TextColumns
{
    public static async Task<List<string>> FindAsync(KioskApp app, IEnumerable<string> markers) => await app.WithDbAsync(async db =>
    {
        var schema = db.Database.IsNpgsql() ? "public" : "dbo";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = @schema AND data_type IN ('text', 'character varying', 'nvarchar', 'varchar', 'nchar', 'char')
                """;
            Add(list, "@schema", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.NotEmpty(columns);
        var found = new List<string>();
        foreach (var marker in markers)
        {
            foreach (var (table, column) in columns)
            {
                await using var probe = connection.CreateCommand();
                probe.CommandText = $"""SELECT count(*) FROM "{table}" WHERE lower("{column}") LIKE @pattern""";
                Add(probe, "@pattern", $"%{marker.ToLowerInvariant()}%");
                if (Convert.ToInt64(await probe.ExecuteScalarAsync()) > 0) { found.Add(marker); break; }
            }
        }
        return found;
    });

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
