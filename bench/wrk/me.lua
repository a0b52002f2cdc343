-- The cheapest authenticated request: who am I. The sellout's yardstick: a refusal should cost about as much.
package.path = "bench/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  common.init_thread()
end

function request()
  return wrk.format("GET", "/api/v1/auth/me", common.headers())
end

function response(status, headers, body)
  common.count(status, nil)
end

done = common.done
