// `kg import --wipe`, step 2: delete every node, $batch per inner transaction (constraints and
// indexes stay). DETACH in case relationships were written meanwhile.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
