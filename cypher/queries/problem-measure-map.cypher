// name: problem-measure-map
// description: The map of problems and the measures reports pair with them (Problem -ADDRESSED_BY-> Measure), drawn as a graph in Neo4j Browser
// params: minReports (integer, default 1), limit (integer, default 100)
//
// Returns the themes and their aggregated ADDRESSED_BY links as nodes and relationships (Browser draws
// them; load cypher/style.grass first) and their names and report counts as columns (kg query prints these).
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {minReports: null, limit: null}
// :param minReports => 2
MATCH (problem:Problem)-[link:ADDRESSED_BY]->(measure:Measure)
WHERE coalesce(link.reportCount, 1) >= toInteger(coalesce($minReports, 1))
RETURN problem.name AS problemName,
       measure.name AS measureName,
       link.reportCount AS reports,
       problem, link, measure
ORDER BY reports DESC, problemName, measureName
LIMIT toInteger(coalesce($limit, 100))
