// Every list with its editions (coverage of a screening: what was consulted).
MATCH (ed:Edition)-[:EDITION_OF]->(li:List)
RETURN li.key AS list_key, li.title AS list_title, li.authority AS authority, li.jurisdiction AS jurisdiction,
       li.legal_effect AS legal_effect, li.url AS url, li.source AS source,
       ed.key AS edition_key, ed.title AS edition_title, ed.date AS edition_date, ed.date_basis AS date_basis,
       ed.superseded AS superseded
ORDER BY list_key, edition_date
