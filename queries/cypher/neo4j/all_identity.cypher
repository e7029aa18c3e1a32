// Every SAME_AS link (list entry → registry organisation), with score and method (cached per process).
MATCH (a:Organisation)-[s:SAME_AS]->(b:Organisation)
RETURN a.iri AS a, a.name AS a_name, a.countries AS a_countries, a.kinds AS a_kinds, a.source AS a_source,
       b.iri AS b, b.name AS b_name, b.countries AS b_countries, b.kinds AS b_kinds, b.source AS b_source,
       s.score AS score, s.method AS method
