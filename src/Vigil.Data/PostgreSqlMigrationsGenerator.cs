using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Vigil.Data;

/// <summary>
/// PostgreSQL's migrations SQL, plus the append-only rule (DESIGN principle 2) as PL/pgSQL triggers: every table of an
/// <see cref="IAppendOnly"/> entity refuses UPDATE, DELETE and TRUNCATE as soon as it is created, so a regenerated
/// migration can never forget them.
/// </summary>
#pragma warning disable EF1001 // NpgsqlMigrationsSqlGenerator's constructor takes Npgsql's internal options service.
public sealed class PostgreSqlMigrationsGenerator(
    MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions, ICurrentDbContext current)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
#pragma warning restore EF1001
{
    private const string RefuseFunction = "vigil_refuse_change";

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (!AppendOnlyTables(current.Context.Model).Contains(operation.Name))
        {
            return;
        }

        var table = Dependencies.SqlGenerationHelper.DelimitIdentifier(operation.Name, operation.Schema);
        builder.AppendLine(
                $"CREATE OR REPLACE FUNCTION {RefuseFunction}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                "RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation'; END $$;")
            .AppendLine($"CREATE TRIGGER {operation.Name}_no_change BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {RefuseFunction}();")
            .AppendLine($"CREATE TRIGGER {operation.Name}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {RefuseFunction}();");
        builder.EndCommand();
    }

    /// <summary>The tables whose entities are marked <see cref="IAppendOnly"/>, read from the running model.</summary>
    public static HashSet<string> AppendOnlyTables(IModel model) =>
    [
        .. model.GetEntityTypes()
            .Where(e => typeof(IAppendOnly).IsAssignableFrom(e.ClrType) && e.GetTableName() is not null)
            .Select(e => e.GetTableName()!),
    ];
}
