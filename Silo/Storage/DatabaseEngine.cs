namespace Orleans.Betting.Silo.Storage;

public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}
