-- Old entries of silos that are not Active (3); never the version row.
DELETE FROM orleansmembership
WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;
