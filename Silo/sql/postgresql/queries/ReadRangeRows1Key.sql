-- Contiguous range of the ring: begin exclusive, end inclusive.
SELECT grainid AS "GrainId", remindername AS "ReminderName", starttime AS "StartTime", period AS "Period", version AS "Version"
FROM orleansreminders
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;
