-- Orleans.Betting schema for PostgreSQL 15+ (Cluster and Kubernetes profiles): clustering,
-- grain state and reminders. Written for this project from the ADO.NET provider contract.
-- The migrator runs this file inside one transaction under an advisory lock, so silos that start
-- together apply it once, in turn. Identifiers are unquoted (folded to lower case) because
-- Orleans selects from OrleansQuery without quoting.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);

-- Grain state: one row per (service, state name, grain id), NULL extension equal to NULL.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    serviceid              text        NOT NULL,
    graintypestring        text        NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    grainidextensionstring text        NULL,
    grainidhash            integer     NOT NULL,
    graintypehash          integer     NOT NULL,
    payloadbinary          bytea       NULL,
    version                integer     NOT NULL,
    modifiedutc            timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring)
    NULLS NOT DISTINCT;

-- Membership: one version row per deployment (the table's only concurrency token) + member rows.
CREATE TABLE IF NOT EXISTS orleansmembershipversion
(
    deploymentid text        NOT NULL PRIMARY KEY,
    version      integer     NOT NULL DEFAULT 0,
    changedutc   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleansmembership
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    proxyport    integer     NOT NULL DEFAULT 0,
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Reminders: grainhash holds the signed 32-bit ring position and is compared signed.
CREATE TABLE IF NOT EXISTS orleansreminders
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS ix_orleansreminders_ring ON orleansreminders (serviceid, grainhash);

CREATE TABLE IF NOT EXISTS bettingschema
(
    component  text        NOT NULL PRIMARY KEY,
    checksum   text        NOT NULL,
    appliedutc timestamptz NOT NULL
);

-- Secrets the silos share and clients never see (the key that stamps calls made inside the cluster).
CREATE TABLE IF NOT EXISTS bettingsecret
(
    name  text  NOT NULL PRIMARY KEY,
    value bytea NOT NULL
);
