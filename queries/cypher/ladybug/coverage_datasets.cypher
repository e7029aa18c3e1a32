// Every source dataset with its release or data date.
MATCH (d:Dataset)
RETURN d.key AS key, d.title AS title, d.release AS release, d.publisher AS publisher, d.licence AS licence
ORDER BY key
