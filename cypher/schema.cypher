// Schema of the kg graph in Neo4j, applied by `kg import` before every load (every statement is
// idempotent: IF NOT EXISTS). One uniqueness constraint on `key` per node label (MERGE relies on it),
// range indexes on the properties the queries filter and sort on, and one full-text index with the
// 'cjk' analyzer (Chinese is split into character bigrams) over names, quotes and statement text.

// ---- node keys (one per label of NODE_LABELS in src/graph/schema.ts)
CREATE CONSTRAINT document_key IF NOT EXISTS FOR (n:Document) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT report_key IF NOT EXISTS FOR (n:Report) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT organisation_key IF NOT EXISTS FOR (n:Organisation) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT mechanism_key IF NOT EXISTS FOR (n:Mechanism) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT problem_key IF NOT EXISTS FOR (n:Problem) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT measure_key IF NOT EXISTS FOR (n:Measure) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT statement_key IF NOT EXISTS FOR (n:Statement) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT figure_key IF NOT EXISTS FOR (n:Figure) REQUIRE n.key IS UNIQUE;

// ---- properties queries filter or sort on
CREATE INDEX statement_kind IF NOT EXISTS FOR (n:Statement) ON (n.kind);
CREATE INDEX statement_theme_key IF NOT EXISTS FOR (n:Statement) ON (n.themeKey);
CREATE INDEX statement_report_key IF NOT EXISTS FOR (n:Statement) ON (n.reportKey);
CREATE INDEX report_setting IF NOT EXISTS FOR (n:Report) ON (n.setting);
CREATE INDEX report_path IF NOT EXISTS FOR (n:Report) ON (n.path);
CREATE INDEX problem_report_count IF NOT EXISTS FOR (n:Problem) ON (n.reportCount);
CREATE INDEX measure_report_count IF NOT EXISTS FOR (n:Measure) ON (n.reportCount);
CREATE INDEX mechanism_report_count IF NOT EXISTS FOR (n:Mechanism) ON (n.reportCount);
CREATE INDEX organisation_report_count IF NOT EXISTS FOR (n:Organisation) ON (n.reportCount);
CREATE INDEX problem_name IF NOT EXISTS FOR (n:Problem) ON (n.name);
CREATE INDEX measure_name IF NOT EXISTS FOR (n:Measure) ON (n.name);
CREATE INDEX mechanism_name IF NOT EXISTS FOR (n:Mechanism) ON (n.name);
CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name);
CREATE INDEX organisation_type IF NOT EXISTS FOR (n:Organisation) ON (n.type);

// ---- full-text search over Chinese text (query with db.index.fulltext.queryNodes('kg_text', $q))
CREATE FULLTEXT INDEX kg_text IF NOT EXISTS
FOR (n:Problem|Measure|Mechanism|Organisation|Statement|Report)
ON EACH [n.name, n.quote, n.text, n.title]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk' } };

// The import lock (kg import into Neo4j reads the stored records, recomputes and writes: one at a time).
CREATE CONSTRAINT kg_lock_key IF NOT EXISTS FOR (n:KgLock) REQUIRE n.key IS UNIQUE;
