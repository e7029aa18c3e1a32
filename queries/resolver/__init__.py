"""Who is it? Resolve names and affiliation strings to organisations, with explainable scores.

>>> index = ResolverIndex.build(records)        # at ingest
>>> index.save(dir); index = ResolverIndex.load(dir)
>>> index.resolve("Harbin Inst. of Tech.").decision
'match'
"""

from queries.resolver.index import ResolverIndex
from queries.resolver.models import Candidate, Label, NameRecord, Resolution
from queries.resolver.ror import build_index_from_ror, records_from_ror_files, records_from_ror_jsonl

__all__ = [
    "Candidate",
    "Label",
    "NameRecord",
    "Resolution",
    "ResolverIndex",
    "build_index_from_ror",
    "records_from_ror_files",
    "records_from_ror_jsonl",
]
