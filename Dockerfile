# container-mcp as an image: the files the npm package publishes (the bundled dist/cli.js,
# package.json, README.md, LICENSE) on a Node base, run as a non-root user. No RUN step, so
# the build fetches nothing but the base. Build from a checkout after `npm run build` (or
# from an unpacked `npm pack`, whose files are the same):
#
#   docker build -t container-mcp .
#   docker build --build-arg BASE=node:20-slim -t container-mcp .   # any image with node on PATH
#
# Run over stdio (what a client's `docker run -i --rm` does), the engine's socket mounted and
# its group added: the server runs as uid 1000, which may use the socket only through the
# socket's group (README, "Run it as an image").
#
#   docker run -i --rm -v /var/run/docker.sock:/var/run/docker.sock \
#     --group-add "$(stat -c %g /var/run/docker.sock)" container-mcp
#
# Over HTTP, for other machines: a token is required to listen on 0.0.0.0 (as everywhere).
#
#   docker run -d -p 127.0.0.1:8080:8080 -e CONTAINER_MCP_TOKEN=... -v ... --group-add ... \
#     container-mcp --http 0.0.0.0:8080
ARG BASE=node:22-alpine
FROM ${BASE}

# The MCP Registry checks that the image belongs to the server entry it is listed under
# (server.json's name; test/unit/release-manifests.test.ts keeps them equal).
LABEL io.modelcontextprotocol.server.name="io.github.container-mcp/container-mcp" \
      org.opencontainers.image.title="container-mcp" \
      org.opencontainers.image.description="An MCP server for Docker Engine containers" \
      org.opencontainers.image.licenses="MIT"

COPY package.json README.md LICENSE /opt/container-mcp/
COPY dist/cli.js /opt/container-mcp/dist/cli.js

# uid 1000 need not exist in the base: HOME is a directory it can write (the confirmation
# store, ~/.cache), whatever the base's users.
ENV HOME=/tmp NODE_ENV=production
USER 1000:1000
ENTRYPOINT ["node", "/opt/container-mcp/dist/cli.js"]
