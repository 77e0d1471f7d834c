wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ obligations(filter: {actor: \\"Secretary-General\\"}, first: 50) { totalCount edges { node { verb class action paragraph { number item document { symbol } } addressee { name } } } pageInfo { hasNextPage endCursor } } }"}'
