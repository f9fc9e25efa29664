-- Bump the table version only if it is the one the caller read and the silo is new, and insert
-- the member in the same statement: both happen or neither (an error rolls the statement back).
WITH bumped AS (
    UPDATE orleansmembershipversion
    SET version = version + 1, changedutc = now()
    WHERE deploymentid = @DeploymentId
      AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleansmembership
                      WHERE deploymentid = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
    RETURNING deploymentid
), inserted AS (
    INSERT INTO orleansmembership
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
         starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*)::integer FROM inserted;
