-- First write (no version yet): insert only if no row, tombstones included, exists.
INSERT INTO orleansstorage
    (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring,
     grainidhash, graintypehash, payloadbinary, version, modifiedutc)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
       @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS "NewGrainStateVersion";

-- Later writes: compare-and-set on the version in one statement.
UPDATE orleansstorage
SET payloadbinary = @PayloadBinary,
    version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END,
    modifiedutc = now()
WHERE @GrainStateVersion IS NOT NULL
  AND serviceid = @ServiceId
  AND graintypestring = @GrainTypeString
  AND grainidn0 = @GrainIdN0
  AND grainidn1 = @GrainIdN1
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
