-- One command = one implicit transaction in Npgsql: both deletes or neither.
DELETE FROM orleansmembership WHERE deploymentid = @DeploymentId;
DELETE FROM orleansmembershipversion WHERE deploymentid = @DeploymentId;
