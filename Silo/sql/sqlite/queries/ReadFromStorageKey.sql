SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND KeyExtension = CASE WHEN @GrainIdExtensionString IS NULL THEN '' ELSE '|' || @GrainIdExtensionString END;
