SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.siloname AS "SiloName", m.hostname AS "HostName", m.status AS "Status",
       m.proxyport AS "ProxyPort", m.suspecttimes AS "SuspectTimes",
       m.starttime AS "StartTime", m.iamalivetime AS "IAmAliveTime", v.version AS "Version"
FROM orleansmembershipversion v
LEFT JOIN orleansmembership m
       ON m.deploymentid = v.deploymentid
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId;
