#version 330 core
// The viewer: canvas mapping, compare modes (A, B, wipe, side by side, difference) and the
// display transform (exposure, OCIO, gamma). OCIO's generated function is spliced in at the
// marker below; it is named OCIODisplay and its resources are prefixed "ocio_".
out vec4 fragColor;

uniform sampler2D u_imageA;
uniform sampler2D u_imageB;
uniform vec2 u_viewSize;     // widget size in device pixels
uniform float u_zoom;        // device pixels per canvas pixel
uniform vec2 u_centre;       // canvas point under the widget's centre
uniform vec2 u_frameSize;    // one frame in canvas pixels
uniform int u_mode;          // 0 A, 1 B, 2 wipe, 3 side by side, 4 difference
uniform bool u_swapped;
uniform bool u_hasA;
uniform bool u_hasB;
uniform vec2 u_wipeCentre;   // frame pixels
uniform vec2 u_wipeNormal;   // points to B's side
uniform float u_differenceGain;
uniform float u_exposureGain;
uniform float u_invGamma;
uniform vec3 u_background;

//@OCIO_DISPLAY@

vec3 displayed(vec3 rgb) {
  vec3 c = OCIODisplay(vec4(rgb * u_exposureGain, 1.0)).rgb;
  if (u_invGamma != 1.0) c = pow(max(c, vec3(0.0)), vec3(u_invGamma));
  return c;
}

vec3 sampleA(vec2 uv) { return u_hasA ? displayed(texture(u_imageA, uv).rgb) : vec3(0.0); }
vec3 sampleB(vec2 uv) { return u_hasB ? displayed(texture(u_imageB, uv).rgb) : vec3(0.0); }

void main() {
  vec2 w = vec2(gl_FragCoord.x, u_viewSize.y - gl_FragCoord.y);
  vec2 c = u_centre + (w - 0.5 * u_viewSize) / u_zoom;
  float frames = (u_mode == 3) ? 2.0 : 1.0;
  if (c.x < 0.0 || c.y < 0.0 || c.x >= frames * u_frameSize.x || c.y >= u_frameSize.y) {
    fragColor = vec4(u_background, 1.0);
    return;
  }
  float index = floor(c.x / u_frameSize.x);
  vec2 local = vec2(c.x - index * u_frameSize.x, c.y);
  vec2 uv = local / u_frameSize;
  vec3 rgb;
  if (u_mode == 0) {
    rgb = sampleA(uv);
  } else if (u_mode == 1) {
    rgb = sampleB(uv);
  } else if (u_mode == 2) {
    bool showA = dot(local - u_wipeCentre, u_wipeNormal) < 0.0;
    if (u_swapped) showA = !showA;
    rgb = showA ? sampleA(uv) : sampleB(uv);
  } else if (u_mode == 3) {
    bool left = index < 0.5;
    if (u_swapped) left = !left;
    rgb = left ? sampleA(uv) : sampleB(uv);
  } else {
    rgb = abs(sampleA(uv) - sampleB(uv)) * u_differenceGain;
  }
  fragColor = vec4(rgb, 1.0);
}
