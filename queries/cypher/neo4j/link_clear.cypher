// Remove the same-as links derived by entity linking (source rskg_link) before they are derived again.
MATCH ()-[e:SAME_AS]->()
WHERE e.source = $source
DELETE e
RETURN count(*) AS removed
