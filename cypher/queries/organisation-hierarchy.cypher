// name: organisation-hierarchy
// description: Organisations with the number of reports mentioning them and their place in the hierarchy (PART_OF chain up to the top body)
// params: organisation (string, default all organisations), limit (integer, default 50)
//
// `organisation` keeps organisations whose name contains it, or one of whose parents' names does (e.g. '党委').
// Organisations inside a hierarchy come first, grouped by their top body; `hierarchy` reads child < parent < … < top.
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {organisation: null, limit: null}
// :param organisation => '党委'
MATCH (o:Organisation)
OPTIONAL MATCH chain = (o)-[:PART_OF*1..8]->(top:Organisation)
WHERE NOT (top)-[:PART_OF]->()
WITH o, chain
ORDER BY length(chain) DESC
WITH o, head(collect(chain)) AS chain
WITH o, CASE WHEN chain IS NULL THEN [] ELSE [n IN tail(nodes(chain)) | n.name] END AS ancestors
WHERE $organisation IS NULL OR o.name CONTAINS $organisation
   OR any(a IN ancestors WHERE a CONTAINS $organisation)
WITH o, ancestors,
     [(o)-[:PART_OF]->(p:Organisation) | p.name] AS parents,
     COUNT { (:Organisation)-[:PART_OF]->(o) } AS children
RETURN o.name AS organisation,
       o.type AS type,
       COUNT { (:Report)-[:MENTIONS]->(o) } AS reports,
       parents,
       children,
       reduce(s = o.name, a IN ancestors | s + ' < ' + a) AS hierarchy
ORDER BY CASE WHEN size(parents) + children > 0 THEN 0 ELSE 1 END,
         CASE WHEN size(parents) + children > 0 THEN coalesce(last(ancestors), o.name) ELSE '' END,
         size(ancestors), reports DESC, organisation
LIMIT toInteger(coalesce($limit, 50))
