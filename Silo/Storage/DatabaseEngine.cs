using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orleans.Betting.Silo.Storage;

public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}
