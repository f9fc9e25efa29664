SELECT grainid AS "GrainId", remindername AS "ReminderName", starttime AS "StartTime", period AS "Period", version AS "Version"
FROM orleansreminders
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
