-- wrk script for bench/oidc/run.sh. GET by default; with BENCH_METHOD=POST it sends the
-- client_credentials token request (form body, HTTP Basic client authentication from BENCH_AUTH).
-- At the end it prints one JSON line that run.sh collects.
local method = os.getenv("BENCH_METHOD") or "GET"
if method == "POST" then
  wrk.method = "POST"
  wrk.body = os.getenv("BENCH_BODY") or "grant_type=client_credentials"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  local auth = os.getenv("BENCH_AUTH")
  if auth and auth ~= "" then
    wrk.headers["Authorization"] = auth
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
