// Relationships from an organisation to other organisations or persons, with their evidence.
MATCH (o:Organisation {iri: $iri})-[r]->(x)
WHERE label(x) IN ['Organisation', 'Person']
RETURN label(r) AS type, x.iri AS iri, x.name AS name, label(x) AS label, r.source AS source, r.record AS record
ORDER BY type, name
LIMIT $limit
