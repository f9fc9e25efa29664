SELECT address AS "Address", proxyport AS "ProxyPort", generation AS "Generation"
FROM orleansmembership
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
