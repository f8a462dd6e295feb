#include "http/server.hpp"

#include <restinio/all.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace tuoyu::http {

namespace {

class AccessLog {
  public:
    explicit AccessLog(const std::string& target) {
        if (target == "off") {
            return;
        }
        if (target == "-" || target.empty()) {
            out_ = stderr;
            return;
        }
        out_ = std::fopen(target.c_str(), "a");
        owned_ = out_ != nullptr;
        if (out_ == nullptr) {
            throw std::runtime_error("cannot open access log " + target);
        }
    }
    ~AccessLog() {
        if (owned_) {
            std::fclose(out_);
        }
    }
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void Write(const Request& request, int status, std::size_t bytes, long long micros) {
        if (out_ == nullptr) {
            return;
        }
        const std::string when = FormatIsoUtc(SystemClock().NowMillis());
        std::lock_guard lock(mutex_);
        std::fprintf(out_, "%s %s %s %s %d %zu %lldus %s\n", when.c_str(), request.remote_address.c_str(),
                     request.method.c_str(), request.path.c_str(), status, bytes, micros, request.request_id.c_str());
    }

  private:
    std::FILE* out_ = nullptr;
    bool owned_ = false;
    std::mutex mutex_;
};

// A client may name its request (X-Request-Id) so that its logs and ours meet; otherwise the
// server makes one up: a random prefix per process and a counter.
std::string RequestId(const std::string& offered) {
    static const std::string prefix = crypto::ToHex(crypto::RandomBytes(4));
    static std::atomic<std::uint64_t> counter{0};
    const bool usable = !offered.empty() && offered.size() <= 64 &&
                        offered.find_first_not_of(
                            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string::npos;
    return usable ? offered : prefix + "-" + std::to_string(++counter);
}

// %XX sequences decoded; a malformed one is left as it is, and then simply matches no route.
std::string DecodePath(restinio::string_view_t raw) {
    std::string path;
    path.reserve(raw.size());
    auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    };
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size() && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
            path += static_cast<char>(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
            i += 2;
        } else {
            path += raw[i];
        }
    }
    return path;
}

// The address the nearest proxy saw: the last entry of X-Forwarded-For.
std::string ForwardedFor(const std::string& header) {
    std::string last = header.substr(header.rfind(',') == std::string::npos ? 0 : header.rfind(',') + 1);
    last.erase(0, last.find_first_not_of(' '));
    last.erase(last.find_last_not_of(' ') + 1);
    return last.size() <= 45 ? last : std::string();
}

Request Convert(const restinio::request_handle_t& raw, bool trust_proxy) {
    Request request;
    const auto& header = raw->header();
    request.method = header.method().c_str();
    request.path = DecodePath(header.path());
    try {
        const auto params = restinio::parse_query(header.query());
        for (const auto& [name, value] : params) {
            request.query.emplace(std::string(name), std::string(value));
        }
    } catch (const std::exception&) {
        request.query.emplace("\x01malformed", "");
    }
    header.for_each_field([&request](const restinio::http_header_field_t& field) {
        std::string name = field.name();
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        request.headers[name] = field.value();
    });
    request.body = raw->body();
    const auto peer = raw->remote_endpoint().address();
    if (peer.is_v4()) {
        // Dotted quad by hand: the library's inet_ntop cost as much as the route's JSON.
        const auto bytes = peer.to_v4().to_bytes();
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i > 0) {
                request.remote_address += '.';
            }
            request.remote_address += std::to_string(bytes[i]);
        }
    } else {
        request.remote_address = peer.to_string();
    }
    if (trust_proxy && peer.is_loopback()) {
        const std::string client = ForwardedFor(request.Header("x-forwarded-for"));
        if (!client.empty()) {
            request.remote_address = client;
        }
    }
    request.request_id = RequestId(request.Header("x-request-id"));
    return request;
}

const char* Reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 423:
            return "Locked";
        case 429:
            return "Too Many Requests";
        case 503:
            return "Service Unavailable";
        default:
            return status < 500 ? "Client Error" : "Internal Server Error";
    }
}

Response Handle(Request& request, Router& router, const StaticFiles& static_files, const ServerOptions& options) {
    if (request.query.count("\x01malformed") != 0) {
        return Router::ErrorReply(400, "malformed_query", "", "查询参数格式错误", "Malformed query string",
                                  request.request_id);
    }
    // JSON is parsed whole in memory: its own, smaller limit. A file upload may be larger.
    const bool json_body = request.Header("content-type").rfind("application/json", 0) == 0;
    if (request.body.size() > (json_body ? options.max_json_body : options.max_body)) {
        return Router::ErrorReply(413, "body_too_large", "", "请求体过大", "The request body is too large",
                                  request.request_id);
    }
    if (request.path.rfind("/api/", 0) == 0 || request.path == "/api") {
        return router.Dispatch(request);
    }
    if (std::optional<Response> file = static_files.Serve(request)) {
        return *file;
    }
    return Router::ErrorReply(404, "not_found", "", "页面不存在", "Not found", request.request_id);
}

}  // namespace

void RunServer(const ServerOptions& options, Router& router, const StaticFiles& static_files,
               audit::AuditBatcher* audit_batcher) {
    using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
    AccessLog access_log(options.access_log);

    const std::size_t threads = options.threads == 0 ? 1 : options.threads;
    restinio::asio_ns::io_context io_context;

    auto send = [&access_log](const restinio::request_handle_t& raw, const Request& request, Response& response,
                              std::chrono::steady_clock::time_point started) {
        auto reply = raw->create_response(restinio::http_status_line_t{
            restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, Reason(response.status)});
        if (!response.content_type.empty()) {
            reply.append_header(restinio::http_field::content_type, response.content_type);
        }
        reply.append_header("X-Request-Id", request.request_id);
        reply.append_header("X-Content-Type-Options", "nosniff");
        reply.append_header("X-Frame-Options", "DENY");
        reply.append_header("Referrer-Policy", "no-referrer");
        if (request.path.rfind("/api/", 0) == 0) {
            reply.append_header("Cache-Control", "no-store");
        } else {
            reply.append_header("Content-Security-Policy",
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                "frame-ancestors 'none'");
        }
        for (const auto& [name, value] : response.headers) {
            reply.append_header(name, value);
        }
        const std::size_t bytes = response.body.size();
        reply.set_body(std::move(response.body));
        reply.done();
        access_log.Write(
            request, response.status, bytes,
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
    };

    auto respond = [&](const restinio::request_handle_t& raw) {
        const auto started = std::chrono::steady_clock::now();
        Request request = Convert(raw, options.trust_proxy);
        Response response = Handle(request, router, static_files, options);
        if (response.deferred_audit.empty() || audit_batcher == nullptr) {
            send(raw, request, response, started);
            return restinio::request_accepted();
        }
        // A read of personal data: the reply waits for its audit record's group commit.
        std::vector<audit::Event> events = std::move(response.deferred_audit);
        auto pending = std::make_shared<std::pair<Request, Response>>(std::move(request), std::move(response));
        audit_batcher->Submit(std::move(events), [&io_context, &send, raw, pending, started](bool committed) {
            restinio::asio_ns::post(io_context, [&send, raw, pending, started, committed] {
                if (!committed) {
                    pending->second =
                        Router::ErrorReply(500, "internal_error", "", "服务器内部错误，请稍后重试",
                                           "Internal server error; try again later", pending->first.request_id);
                }
                send(raw, pending->first, pending->second, started);
            });
        });
        return restinio::request_accepted();
    };

    auto handler = [&](const restinio::request_handle_t& raw) {
        try {
            return respond(raw);
        } catch (const std::exception& error) {
            std::cerr << "tuoyu: request failed outside the router: " << error.what() << '\n';
            return restinio::request_rejected();
        }
    };

    auto settings = restinio::server_settings_t<Traits>{}
                        .address(options.address)
                        .port(options.port)
                        .request_handler(handler)
                        .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                      .max_body_size(options.max_body)
                                                      .max_url_size(8 * 1024)
                                                      .max_field_count(100)
                                                      .max_field_value_size(16 * 1024))
                        .read_next_http_message_timelimit(std::chrono::seconds(60))
                        .write_http_response_timelimit(std::chrono::seconds(30))
                        .handle_request_timeout(std::chrono::seconds(30));
    restinio::http_server_t<Traits> server(restinio::external_io_context(io_context), std::move(settings));

    restinio::asio_ns::signal_set signals(io_context, SIGINT, SIGTERM);
    signals.async_wait([&](const auto& error, int) {
        if (!error) {
            std::cerr << "tuoyu: stopping (signal received)\n";
            server.close_async([&] { io_context.stop(); }, [&](std::exception_ptr) { io_context.stop(); });
        }
    });
    server.open_async(
        [&] {
            std::cerr << "tuoyu: listening on http://" << options.address << ":" << options.port << " (" << threads
                      << " thread" << (threads == 1 ? "" : "s") << ")\n";
        },
        [&](std::exception_ptr failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& error) {
                std::cerr << "tuoyu: cannot listen on " << options.address << ":" << options.port << ": "
                          << error.what() << '\n';
            }
            io_context.stop();
        });
    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < threads; ++i) {
        pool.emplace_back([&io_context] { io_context.run(); });
    }
    io_context.run();
    for (std::thread& thread : pool) {
        thread.join();
    }
    // The batcher's callbacks post to this io_context: stop it while the context still exists.
    if (audit_batcher != nullptr) {
        audit_batcher->Stop();
    }
}

}  // namespace tuoyu::http
