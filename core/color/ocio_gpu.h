#pragma once
// OCIO's GPU shader for a display/view as plain data, so the viewer needs no OCIO include.
#include <string>
#include <vector>

namespace filmrecover {

class OcioConfig;

//! One LUT texture the shader samples.
struct GpuLutTexture {
  std::string textureName;  //!< OCIO's texture name
  std::string samplerName;  //!< uniform sampler name used in the shader text
  int dimensions = 1;       //!< 1 (1D, possibly stored as 2D), 2 or 3
  int width = 0, height = 1, depth = 1; //!< texel counts (3D: width = height = depth = edge length)
  int channels = 3;         //!< 1 (red) or 3 (RGB)
  bool linearInterpolation = true; //!< else nearest
  std::vector<float> values; //!< width*height*depth*channels floats
};

//! A uniform the shader declares (dynamic properties); value is the current one.
struct GpuUniform {
  std::string name;
  double value = 0;
};

//! A complete fragment-shader function for the display transform.
struct GpuShader {
  std::string text;          //!< GLSL source declaring the samplers/uniforms and the function
  std::string functionName;  //!< vec4 functionName(vec4 inPixel)
  std::string cacheId;       //!< changes exactly when the shader changes
  std::vector<GpuLutTexture> textures; //!< bind from texture unit 1 in this order
  std::vector<GpuUniform> uniforms;
};

//! Builds the GPU shader of colour space `from` shown on `display`/`view` (GLSL 4.0 by default,
//! or "1.2", "1.3", "ES3"). Names are made unique with `resourcePrefix`. Throws InputError
//! naming an unknown display/view/colour space.
GpuShader gpuDisplayShader(const OcioConfig& config, const std::string& from, const std::string& display,
                           const std::string& view, const std::string& functionName = "OCIODisplay",
                           const std::string& resourcePrefix = "ocio_", const std::string& glslVersion = "4.0");

}  // namespace filmrecover
