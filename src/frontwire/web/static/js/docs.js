// Swagger UI over the app's own OpenAPI document, from the packaged copy (no CDN, no inline script).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    deepLinking: true,
    defaultModelsExpandDepth: 0,
  });
})();
