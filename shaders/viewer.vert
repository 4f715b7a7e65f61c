#version 330 core
// Full-viewport quad from gl_VertexID (no vertex buffer): the fragment shader works in
// widget pixels and maps them to the canvas itself.
void main() {
  vec2 corners[4] = vec2[4](vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));
  gl_Position = vec4(corners[gl_VertexID], 0.0, 1.0);
}
