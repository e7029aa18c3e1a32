// Every funding fact (money or in kind), with dates as given (cached per process; looked up by recipient).
MATCH (o)-[f:FUNDED_BY]->(x)
RETURN o.iri AS entity, x.iri AS iri, x.name AS name, x.countries AS countries, x.source AS org_source,
       f.kind AS kind, f.start_date AS start_date, f.end_date AS end_date, f.source AS source
