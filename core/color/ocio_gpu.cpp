#include "core/color/ocio_gpu.h"

#include "core/color/c_locale.h"
#include "core/color/ocio_impl.h"
#include "core/exec/errors.h"

namespace filmrecover {
namespace {

OCIO::GpuLanguage languageFor(const std::string& glslVersion) {
  if (glslVersion == "1.2") return OCIO::GPU_LANGUAGE_GLSL_1_2;
  if (glslVersion == "1.3") return OCIO::GPU_LANGUAGE_GLSL_1_3;
  if (glslVersion == "4.0") return OCIO::GPU_LANGUAGE_GLSL_4_0;
  if (glslVersion == "ES3") return OCIO::GPU_LANGUAGE_GLSL_ES_3_0;
  throw InputError("GLSL version '" + glslVersion + "' is not one of 1.2, 1.3, 4.0, ES3");
}

}  // namespace

GpuShader gpuDisplayShader(const OcioConfig& config, const std::string& from, const std::string& display,
                           const std::string& view, const std::string& functionName,
                           const std::string& resourcePrefix, const std::string& glslVersion) {
  CLocaleScope locale;
  const auto& cfg = config.impl().config;
  OCIO::ConstProcessorRcPtr processor;
  try {
    processor = makeDisplayProcessor(cfg, from, display, view);
  } catch (const OCIO::Exception& e) {
    throw InputError("no OCIO transform from '" + from + "' to display '" + display + "' view '" + view +
                     "': " + e.what());
  }
  auto desc = OCIO::GpuShaderDesc::CreateShaderDesc();
  desc->setLanguage(languageFor(glslVersion));
  desc->setFunctionName(functionName.c_str());
  desc->setResourcePrefix(resourcePrefix.c_str());
  processor->getDefaultGPUProcessor()->extractGpuShaderInfo(desc);

  GpuShader shader;
  shader.text = desc->getShaderText();
  shader.functionName = functionName;
  shader.cacheId = desc->getCacheID();
  // 3D LUTs first, then 1D/2D ones, each bound from unit 1 in this order.
  for (unsigned i = 0; i < desc->getNum3DTextures(); ++i) {
    const char *textureName = nullptr, *samplerName = nullptr;
    unsigned edge = 0;
    OCIO::Interpolation interpolation = OCIO::INTERP_LINEAR;
    desc->get3DTexture(i, textureName, samplerName, edge, interpolation);
    const float* values = nullptr;
    desc->get3DTextureValues(i, values);
    GpuLutTexture t;
    t.textureName = textureName;
    t.samplerName = samplerName;
    t.dimensions = 3;
    t.width = t.height = t.depth = static_cast<int>(edge);
    t.channels = 3;
    t.linearInterpolation = interpolation != OCIO::INTERP_NEAREST;
    t.values.assign(values, values + static_cast<size_t>(edge) * edge * edge * 3);
    shader.textures.push_back(std::move(t));
  }
  for (unsigned i = 0; i < desc->getNumTextures(); ++i) {
    const char *textureName = nullptr, *samplerName = nullptr;
    unsigned width = 0, height = 0;
    OCIO::GpuShaderDesc::TextureType channel = OCIO::GpuShaderDesc::TEXTURE_RGB_CHANNEL;
    OCIO::Interpolation interpolation = OCIO::INTERP_LINEAR;
    desc->getTexture(i, textureName, samplerName, width, height, channel, interpolation);
    const float* values = nullptr;
    desc->getTextureValues(i, values);
    GpuLutTexture t;
    t.textureName = textureName;
    t.samplerName = samplerName;
    t.dimensions = height > 1 ? 2 : 1;
    t.width = static_cast<int>(width);
    t.height = static_cast<int>(height);
    t.channels = channel == OCIO::GpuShaderDesc::TEXTURE_RED_CHANNEL ? 1 : 3;
    t.linearInterpolation = interpolation != OCIO::INTERP_NEAREST;
    t.values.assign(values, values + static_cast<size_t>(width) * height * t.channels);
    shader.textures.push_back(std::move(t));
  }
  for (unsigned i = 0; i < desc->getNumUniforms(); ++i) {
    OCIO::GpuShaderDesc::UniformData data;
    const char* name = desc->getUniform(i, data);
    GpuUniform u;
    u.name = name;
    if (data.m_type == OCIO::UNIFORM_DOUBLE && data.m_getDouble) u.value = data.m_getDouble();
    else if (data.m_type == OCIO::UNIFORM_BOOL && data.m_getBool) u.value = data.m_getBool() ? 1.0 : 0.0;
    shader.uniforms.push_back(u);
  }
  return shader;
}

}  // namespace filmrecover
