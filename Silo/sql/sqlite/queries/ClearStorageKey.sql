-- Tombstone: keep the row, drop the payload, advance the version.
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    Version = CASE WHEN Version >= 2147483647 THEN 1 ELSE Version + 1 END,
    ModifiedUtc = strftime('%Y-%m-%d %H:%M:%f', 'now')
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND KeyExtension = CASE WHEN @GrainIdExtensionString IS NULL THEN '' ELSE '|' || @GrainIdExtensionString END
  AND Version = @GrainStateVersion
RETURNING Version;
