// Every listing with its list and edition (cached per process: screening looks them up by entity).
MATCH (e)-[l:LISTED_IN]->(ed:Edition)-[:EDITION_OF]->(li:List)
RETURN e.iri AS entity, e.name AS entity_name, e.countries AS countries, e.source AS entity_source,
       li.key AS list_key, li.title AS list_title, li.authority AS authority, li.jurisdiction AS jurisdiction,
       li.legal_effect AS legal_effect, li.url AS url,
       ed.key AS edition_key, ed.title AS edition_title, ed.date AS edition_date, ed.date_basis AS date_basis,
       ed.superseded AS superseded,
       l.name_as_listed AS name_as_listed, l.listed_from AS listed_from, l.listed_until AS listed_until,
       l.programmes AS programmes, l.citations AS citations
