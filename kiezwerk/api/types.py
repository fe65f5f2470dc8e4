"""Parameter types that keep bad input a 422 instead of a database error: ids within the
database's integer range, search text without NUL characters (PostgreSQL refuses them)."""

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
SearchText = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]
