// Every organisation-to-organisation relation, for the exposure derivation (ingest time).
MATCH (a:Organisation)-[r:SUB_ORGANISATION_OF|SUCCEEDED_BY|OWNED_BY|SUPERVISED_BY|RELATED_TO|SAME_AS|FUNDED_BY]->(b:Organisation)
RETURN a.iri AS a, b.iri AS b, type(r) AS rel, r.source AS source, r.record AS record,
       r.start_date AS start_date, r.end_date AS end_date, r.score AS score
