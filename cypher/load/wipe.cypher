// Delete every node and relationship (constraints and indexes stay), in chunks so a large graph
// does not need one huge transaction. Runs as an auto-commit query (CALL … IN TRANSACTIONS).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
