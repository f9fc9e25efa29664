DELETE FROM OrleansReminders WHERE ServiceId = @ServiceId;
