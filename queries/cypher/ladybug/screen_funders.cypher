// Funders of the given entity (money or in kind), with dates as given.
MATCH (o:Organisation {iri: $iri})-[f:FUNDED_BY]->(x)
RETURN x.iri AS iri, x.name AS name, x.countries AS countries, x.source AS org_source, f.kind AS kind,
       f.start_date AS start_date, f.end_date AS end_date, f.source AS source
