// The baseline of bench/http_bench.sh: a bare RESTinio server set up like src/http/server.cpp
// (same traits, an external io_context run on one thread, the same message limits) that answers
// GET /ping with a small JSON body and 404 to anything else. It touches no database, so the
// benchmark's ratios say what Tuoyu's own work per request costs on top of the HTTP layer.
//
//   tuoyu_bench_ping PORT        listens on 127.0.0.1:PORT until SIGINT or SIGTERM
#include <restinio/all.hpp>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: tuoyu_bench_ping PORT\n";
        return 2;
    }
    const long port = std::strtol(argv[1], nullptr, 10);
    if (port <= 0 || port > 65535) {
        std::cerr << "tuoyu_bench_ping: the port must be between 1 and 65535\n";
        return 2;
    }
    using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

    auto handler = [](const restinio::request_handle_t& request) {
        if (request->header().method() != restinio::http_method_get() || request->header().path() != "/ping") {
            return request->create_response(restinio::status_not_found())
                .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
                .set_body(R"({"code":"not_found"})")
                .done();
        }
        return request->create_response()
            .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
            .set_body(R"({"status":"ok"})")
            .done();
    };

    try {
        restinio::asio_ns::io_context io_context;
        auto settings = restinio::server_settings_t<Traits>{}
                            .address("127.0.0.1")
                            .port(static_cast<std::uint16_t>(port))
                            .request_handler(handler)
                            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                          .max_body_size(1024 * 1024)
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
                server.close_async([&] { io_context.stop(); }, [&](std::exception_ptr) { io_context.stop(); });
            }
        });
        server.open_async([port] { std::cerr << "tuoyu_bench_ping: listening on http://127.0.0.1:" << port << "\n"; },
                          [&](std::exception_ptr failure) {
                              try {
                                  std::rethrow_exception(failure);
                              } catch (const std::exception& error) {
                                  std::cerr << "tuoyu_bench_ping: cannot listen: " << error.what() << '\n';
                              }
                              io_context.stop();
                          });
        io_context.run();
    } catch (const std::exception& error) {
        std::cerr << "tuoyu_bench_ping: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
