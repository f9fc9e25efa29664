-- Orleans.Betting schema for SQLite (Embedded profile): grain state and reminders.
-- Written for this project from the ADO.NET provider contract; applied idempotently at start-up
-- and by `migrate`. Clustering is not here: the Embedded profile uses localhost clustering.


-- The one table Orleans reads its SQL from. Rows are upserted from queries/*.sql by the migrator.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Grain state. KeyExtension encodes GrainIdExtensionString so that NULL and every string are
-- distinct non-NULL values ('' for NULL, '|' || value otherwise): the primary key then makes a
-- second row for one grain impossible, which is what keeps concurrent first writes race-free.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              TEXT    NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    KeyExtension           TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    GrainIdHash            INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    PayloadBinary          BLOB    NULL,
    Version                INTEGER NOT NULL,
    ModifiedUtc            TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, KeyExtension)
) WITHOUT ROWID;

-- Reminders. GrainHash is the signed 32-bit ring position, compared signed.
CREATE TABLE IF NOT EXISTS OrleansReminders
(
    ServiceId    TEXT    NOT NULL,
    GrainId      TEXT    NOT NULL,
    ReminderName TEXT    NOT NULL,
    StartTime    TEXT    NOT NULL,
    Period       INTEGER NOT NULL,
    GrainHash    INTEGER NOT NULL,
    Version      INTEGER NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS IX_OrleansReminders_Ring ON OrleansReminders (ServiceId, GrainHash);

-- What the migrator applied, for operators (`migrate` prints it).
CREATE TABLE IF NOT EXISTS BettingSchema
(
    Component  TEXT NOT NULL PRIMARY KEY,
    Checksum   TEXT NOT NULL,
    AppliedUtc TEXT NOT NULL
);

-- Secrets the silos share and clients never see (the key that stamps calls made inside the cluster).
CREATE TABLE IF NOT EXISTS BettingSecret
(
    Name  TEXT NOT NULL PRIMARY KEY,
    Value BLOB NOT NULL
);
