DELETE FROM orleansreminders WHERE serviceid = @ServiceId;
