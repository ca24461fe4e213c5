// `kg import --wipe`, step 1: delete every relationship, $batch per inner transaction (an
// auto-commit query: CALL … IN TRANSACTIONS). Relationships first, so that deleting a node never
// drags thousands of relationships into one transaction (src/store/neo4j/wipe.ts).
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
