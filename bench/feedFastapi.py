"""The specification's stack sending a cached feed page: FastAPI, uvicorn and redis-py (asyncio), one process.

Started by bench/feed.bench.ts as `python3 feedFastapi.py PORT REDIS_URL KEY`: it answers
GET /api/v1/intelligence/ with the bytes stored under KEY, as the gateway does on a cache hit.
"""

import sys

import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response
from redis import asyncio as aioredis

port, redis_url, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
app = FastAPI()
cache = aioredis.from_url(redis_url)


@app.get("/api/v1/intelligence/")
async def feed() -> Response:
    return Response(content=await cache.get(key), media_type="application/json")


uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
