"""The app in a web browser: ``service-journal serve``.

textual-serve runs one app process per browser tab and relays its screen over a websocket; this
package puts a token in front of every route (``access``), keeps what depends on textual-serve's
inner workings in one place (``glue``) and runs the server until ctrl+c (``run``). Nothing here
draws a second interface: the browser shows the same app the terminal does.
"""
