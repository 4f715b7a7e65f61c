#include "core/model/bilinear_upsample.h"

namespace filmrecover {

namespace {

namespace F = torch::nn::functional;

struct BilinearUpsample2x : torch::autograd::Function<BilinearUpsample2x> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x) {
    ctx->saved_data["input_size"] = x.sizes().vec();
    ctx->saved_data["channels_last"] = x.dim() == 4 && !x.is_contiguous() &&
                                       x.is_contiguous(torch::MemoryFormat::ChannelsLast);
    return F::interpolate(x, F::InterpolateFuncOptions()
                                 .scale_factor(std::vector<double>{2.0, 2.0})
                                 .mode(torch::kBilinear)
                                 .align_corners(false));
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list grads) {
    const auto inputSize = ctx->saved_data["input_size"].toIntVector();
    const bool channelsLast = ctx->saved_data["channels_last"].toBool();
    const torch::Tensor grad =
        grads[0].contiguous(channelsLast ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous);
    // Sizes, not scales, as the forward's scale factor 2 gives exactly twice the size.
    return {at::upsample_bilinear2d_backward(grad, {grad.size(2), grad.size(3)}, inputSize, false,
                                             c10::nullopt, c10::nullopt)};
  }
};

}  // namespace

torch::Tensor bilinearUpsample2x(const torch::Tensor& x) { return BilinearUpsample2x::apply(x); }

}  // namespace filmrecover
