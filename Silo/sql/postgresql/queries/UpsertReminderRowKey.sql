INSERT INTO orleansreminders (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
SET starttime = excluded.starttime,
    period = excluded.period,
    grainhash = excluded.grainhash,
    version = CASE WHEN orleansreminders.version >= 2147483647 THEN 0 ELSE orleansreminders.version + 1 END
RETURNING version AS "Version";
