-- wrk script for bench/http_bench.sh: counts the responses by status, per wrk thread, and prints
-- the totals when the run is over, so that the durability check can compare the number of 200
-- replies with the audit records the server wrote. Each wrk thread has its own Lua state; setup()
-- runs in the main state and keeps a handle on every thread so that done() can add them up.
--
-- With WRK_PATHS naming a file of request paths (one per line), each request takes the next path in
-- turn (bench/institutions_bench.sh: a mix of filtered pages); without it, wrk's URL path is used.
local threads = {}

local paths = {}
local next_path = 0
local paths_file = os.getenv("WRK_PATHS")
if paths_file then
   for line in io.lines(paths_file) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
end

if #paths > 0 then
   function request()
      next_path = next_path % #paths + 1
      return wrk.format(nil, paths[next_path])
   end
end

function setup(thread)
   table.insert(threads, thread)
end

ok = 0      -- 200 responses seen by this thread
other = 0   -- any other status

function response(status, headers, body)
   if status == 200 then
      ok = ok + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local total_ok, total_other = 0, 0
   for _, thread in ipairs(threads) do
      total_ok = total_ok + thread:get("ok")
      total_other = total_other + thread:get("other")
   end
   io.write(string.format("STATUS_200 %d\nSTATUS_OTHER %d\n", total_ok, total_other))
   io.write(string.format("ERRORS connect=%d read=%d write=%d status=%d timeout=%d\n", summary.errors.connect,
                          summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
