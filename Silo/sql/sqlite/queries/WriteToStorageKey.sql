-- First write (no version yet): insert only if no row, tombstones included, exists.
INSERT INTO OrleansStorage
    (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, KeyExtension, GrainIdExtensionString,
     GrainIdHash, GrainTypeHash, PayloadBinary, Version, ModifiedUtc)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
       CASE WHEN @GrainIdExtensionString IS NULL THEN '' ELSE '|' || @GrainIdExtensionString END,
       @GrainIdExtensionString, @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1,
       strftime('%Y-%m-%d %H:%M:%f', 'now')
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;

-- Later writes: compare-and-set on the version in one statement.
UPDATE OrleansStorage
SET PayloadBinary = @PayloadBinary,
    Version = CASE WHEN Version >= 2147483647 THEN 1 ELSE Version + 1 END,
    ModifiedUtc = strftime('%Y-%m-%d %H:%M:%f', 'now')
WHERE @GrainStateVersion IS NOT NULL
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND KeyExtension = CASE WHEN @GrainIdExtensionString IS NULL THEN '' ELSE '|' || @GrainIdExtensionString END
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
